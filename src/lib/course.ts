/**
 * The course's structure, computed once from the collections: modules in order, their
 * lessons in order, URLs, and previous/next links. Pages only render what this returns.
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export interface LessonInfo {
  entry: CollectionEntry<'lessons'>;
  moduleSlug: string;
  slug: string;
  href: string;
  title: string;
  description: string;
  lab?: string;
  /** Ids of the lesson's <Quiz> components, in order (progress counts them). */
  quizzes: string[];
}

export interface ModuleInfo {
  id: string;
  slug: string;
  title: string;
  description: string;
  href: string;
  lessons: LessonInfo[];
}

const stripOrder = (s: string) => s.replace(/^\d+-/, '');

/** Quiz ids from the MDX source: `<Quiz id="...">`. The component requires the id. */
export function quizIds(body: string | undefined): string[] {
  return [...(body ?? '').matchAll(/<Quiz\b[^>]*?\bid=["']([^"']+)["']/g)].map((m) => m[1]!);
}

export async function getCourse(): Promise<ModuleInfo[]> {
  const [modules, lessons, labs] = await Promise.all([getCollection('modules'), getCollection('lessons'), getCollection('labs')]);
  const labIds = new Set(labs.map((l) => l.id));
  const known = new Set(modules.map((m) => m.data.id));
  for (const l of lessons) {
    const folder = l.id.split('/')[0]!;
    if (!known.has(folder)) throw new Error(`content/${l.id}.mdx: its folder "${folder}" is not a module in content/modules.yaml`);
    if (l.data.lab && !labIds.has(l.data.lab)) {
      throw new Error(`content/${l.id}.mdx: frontmatter field "lab" names "${l.data.lab}", but there is no labs/${l.data.lab}/lab.yaml (labs: ${[...labIds].sort().join(', ')})`);
    }
  }
  return modules.map((m) => {
    const href = `/${m.data.slug}/`;
    const own = lessons
      .filter((l) => l.id.startsWith(m.data.id + '/') && !l.data.draft)
      .sort((a, b) => a.data.order - b.data.order)
      .map((entry): LessonInfo => {
        const slug = stripOrder(entry.id.split('/').pop()!);
        return { entry, moduleSlug: m.data.slug, slug, href: `${href}${slug}/`, title: entry.data.title, description: entry.data.description, lab: entry.data.lab, quizzes: quizIds(entry.body) };
      });
    return { ...m.data, href, lessons: own };
  });
}

export function flatLessons(course: ModuleInfo[]): LessonInfo[] {
  return course.flatMap((m) => m.lessons);
}
