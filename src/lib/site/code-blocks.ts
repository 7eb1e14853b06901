/**
 * Buttons on code blocks: Copy on every block, and a toolbar that the lab adds "Run in
 * terminal" to for shell blocks (see sandbox/features/run-in-terminal.ts).
 */
export const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'console', 'shellsession']);

export function codeToolbar(pre: HTMLElement): HTMLElement {
  const existing = pre.parentElement?.classList.contains('code-block') ? pre.parentElement.querySelector<HTMLElement>('.code-toolbar') : null;
  if (existing) return existing;
  const wrap = document.createElement('div');
  wrap.className = 'code-block';
  pre.replaceWith(wrap);
  const bar = document.createElement('div');
  bar.className = 'code-toolbar';
  wrap.append(bar, pre);
  return bar;
}

/** The text to run or copy: for `console` blocks, only the lines typed at a `$ ` prompt. */
export function codeText(pre: HTMLElement): string {
  const text = (pre.querySelector('code') ?? pre).textContent ?? '';
  if (pre.dataset.language !== 'console' && pre.dataset.language !== 'shellsession') return text.replace(/\n$/, '');
  return text
    .split('\n')
    .filter((l) => /^[$#] /.test(l))
    .map((l) => l.slice(2))
    .join('\n');
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function initCodeBlocks(): void {
  for (const pre of document.querySelectorAll<HTMLElement>('pre.astro-code')) {
    const bar = codeToolbar(pre);
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'code-copy';
    btn.textContent = 'Copy';
    btn.setAttribute('aria-label', 'Copy code to the clipboard');
    btn.addEventListener('click', async () => {
      btn.textContent = (await copy(codeText(pre))) ? 'Copied' : 'Copy failed';
      setTimeout(() => (btn.textContent = 'Copy'), 1500);
    });
    bar.append(btn);
  }
}
