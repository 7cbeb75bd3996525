/** Types for the one entry of `@pagefind/default-ui` the booklet imports (the package ships none). */
declare module '@pagefind/default-ui/npm_dist/mjs/ui-core.mjs' {
  export interface PagefindUIOptions {
    element: string;
    [option: string]: unknown;
  }
  export class PagefindUI {
    constructor(options: PagefindUIOptions);
  }
}
