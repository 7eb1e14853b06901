/** Reads manifests for kubectl apply/create/delete -f: files, directories and multi-document YAML. */
import { isSysError, strerror } from '../kernel/errors.ts';
import * as sys from '../kernel/syscalls.ts';
import { LIMITS } from '../limits.ts';
import { deepDict } from '../util/dict.ts';
import { loadYaml } from '../util/yaml.ts';
import type { CommandContext } from '../shell/types.ts';
import type { KubeObject } from './types.ts';

export interface ManifestDoc {
  source: string;
  obj: KubeObject;
}

/** Every object in the given -f paths, or the error kubectl prints. `-` reads stdin. */
export async function readManifests(ctx: CommandContext, paths: string[]): Promise<{ docs: ManifestDoc[] } | { error: string }> {
  const { parseAllDocuments } = await loadYaml();
  const docs: ManifestDoc[] = [];
  for (const path of paths) {
    const files: string[] = [];
    if (path === '-') files.push('-');
    else {
      let st;
      try {
        st = sys.stat(ctx.world, ctx.proc, path);
      } catch (e) {
        if (!isSysError(e)) throw e;
        return { error: `error: the path "${path}" does not exist` };
      }
      if (st.node.type === 'dir') {
        for (const name of sys.readdir(ctx.world, ctx.proc, path)) if (/\.(ya?ml|json)$/.test(name)) files.push(`${path.replace(/\/$/, '')}/${name}`);
      } else files.push(path);
    }
    for (const file of files) {
      let text: string;
      try {
        text = file === '-' ? ctx.stdin : sys.readFile(ctx.world, ctx.proc, file);
      } catch (e) {
        if (!isSysError(e)) throw e;
        return { error: `error: open ${file}: ${strerror(e).toLowerCase()}` };
      }
      if (text.length > LIMITS.yamlBytes) return { error: `error: ${file}: manifest is larger than ${LIMITS.yamlBytes} bytes` };
      const parsed = parseAllDocuments(text, { version: '1.1' });
      if (!Array.isArray(parsed)) continue;
      for (const doc of parsed) {
        if (doc.errors.length) {
          const e = doc.errors[0]!;
          const line = e.linePos?.[0].line ?? 0;
          return { error: `error: error parsing ${file}: error converting YAML to JSON: yaml: line ${line}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` };
        }
        let value: unknown;
        try {
          value = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
        } catch (e) {
          return { error: `error: error parsing ${file}: ${e instanceof Error ? e.message : String(e)}` };
        }
        if (value === null || value === undefined) continue;
        if (typeof value !== 'object' || Array.isArray(value)) return { error: `error: error validating "${file}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false` };
        const obj = deepDict(value) as KubeObject;
        if (obj.kind === 'List' && Array.isArray(obj.items)) for (const item of obj.items as KubeObject[]) docs.push({ source: file, obj: item });
        else docs.push({ source: file, obj });
      }
    }
  }
  return { docs };
}
