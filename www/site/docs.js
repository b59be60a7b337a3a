// The documents' code blocks get a working copy button. The build writes it hidden, with its
// words (data-copied, data-failed): without JavaScript or a clipboard no button does nothing.
if (navigator.clipboard) {
  for (const block of document.querySelectorAll('.code')) {
    const button = block.querySelector('button.copy');
    const code = block.querySelector('code');
    if (!button || !code) continue;
    const label = button.textContent;
    button.hidden = false;
    button.setAttribute('aria-live', 'polite');
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code.textContent);
        button.textContent = button.dataset.copied;
      } catch {
        button.textContent = button.dataset.failed;
      }
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
}
