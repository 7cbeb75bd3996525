/**
 * The base of a widget's custom element whose script reports through its shell from the start:
 * each time the element is connected, `chrome` is made for its shell, then `wire()` connects the
 * widget's controls.
 */
import { WidgetChrome } from './chrome';

export abstract class ChromedElement extends HTMLElement {
  /** The shell's status line, progress bar and error box, made on connection. */
  protected chrome!: WidgetChrome;

  connectedCallback(): void {
    this.chrome = new WidgetChrome(this);
    this.wire();
  }

  /** Wires the widget's controls; runs on every connection, once `chrome` is made. */
  protected abstract wire(): void;
}
