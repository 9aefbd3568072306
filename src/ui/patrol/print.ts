/**
 * Printing one sheet: the page marks which sheet prints (`body[data-print]`) and the print
 * styles (./patrol.css, `@media print`) hide the app and show that sheet alone.
 */
export type PrintSheet = 'mission' | 'profile';

export function printSheet(which: PrintSheet): void {
  document.body.dataset.print = which;
  window.print();
}
