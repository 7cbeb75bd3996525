/**
 * The props of `Field.astro`, in a TypeScript module so that build-time field lists
 * (`*-fields.ts`) can type their entries without importing an `.astro` file.
 */
/** One option of a select field. */
export interface FieldOption {
  value: string;
  label: string;
  selected?: boolean;
}
/** The props of `Field.astro`: one labelled form field. */
export interface FieldProps {
  /** Element id of the control; the hint and error ids derive from it. */
  id: string;
  /** Form field name. */
  name: string;
  label: string;
  /** `text` (default), `textarea`, `select`, `checkbox` or `file`. */
  kind?: 'text' | 'textarea' | 'select' | 'checkbox' | 'file';
  /** File types offered by the picker (`file` only), e.g. `.onnx`. */
  accept?: string;
  value?: string;
  hint?: string;
  /** Keyboard hint for phones. */
  inputmode?: 'text' | 'decimal' | 'numeric';
  /** Longest accepted input, in characters (required for text and textarea). */
  maxlength?: number;
  rows?: number;
  size?: number;
  options?: readonly FieldOption[];
  checked?: boolean;
  /** Extra class on the wrapper. */
  class?: string;
  spellcheck?: boolean;
}
