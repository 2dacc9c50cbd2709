/** Asks for the API token in the page's dialog; null when cancelled. */
export function askToken(): Promise<string | null> {
  const dialog = document.getElementById('token-dialog') as HTMLDialogElement | null;
  const input = document.getElementById('token-input') as HTMLInputElement | null;
  if (!dialog || !input) return Promise.resolve(null);
  input.value = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' && input.value ? input.value : null), {
      once: true,
    });
    dialog.showModal();
    input.focus();
  });
}
