// /labs/<id>/world.json: the lab's starting world as a snapshot, built at build time (lib/initial-world.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import type { Lab } from '../../../checks/lab/types.ts';
import { initialWorld } from '../../../lib/initial-world.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const labs = await getCollection('labs');
  return labs.map((lab) => ({ params: { id: lab.id }, props: { lab: lab.data } }));
};

export const GET: APIRoute = async ({ props }) => {
  const w = await initialWorld((props as { lab: Lab }).lab);
  // Without a prebuilt world (setup failed at build) the page names none and the worker builds it.
  return new Response(w ? w.snapshot : 'null', { headers: { 'Content-Type': 'application/json' } });
};
