/** The docs' navigation, in reading order. */
export const DOCS_NAV = [
  { href: '/docs/authoring/', title: 'Writing a lesson' },
  { href: '/docs/authoring/labs/', title: 'Writing a lab: lab.yaml' },
  { href: '/docs/authoring/components/', title: 'MDX components' },
  { href: '/docs/authoring/testing/', title: 'Testing and publishing' },
  { href: '/docs/diagnostics/', title: 'Diagnostics reference' },
] as const;
