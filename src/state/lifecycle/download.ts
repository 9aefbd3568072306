/** Saves text as a file through the browser's download (the tasking log's export). */
export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; a delay lets the browser begin it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
