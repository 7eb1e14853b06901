/**
 * A tiny Markdown subset for task descriptions and hints in lab.yaml: paragraphs, `code`,
 * **bold** and *emphasis*. Everything is HTML-escaped first, so lab text is never markup.
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function inlineMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
}

export function blockMarkdown(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${inlineMarkdown(p.replace(/\n/g, ' '))}</p>`)
    .join('');
}
