/** Shiki themes for code blocks in both color schemes: the high-contrast GitHub themes meet WCAG AA on our code background. */
export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;
