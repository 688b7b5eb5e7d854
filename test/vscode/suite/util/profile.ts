/**
 * Who kept the extension host busy: a V8 CPU profile (node:inspector's Profiler) cut into busy
 * blocks — runs of samples with no idle sample between them, i.e. stretches in which the host's
 * event loop could not answer — and each sample's time given to the nearest frame on its stack
 * that belongs to an extension (by the extension's folder), else to the host itself or GC.
 */
import { pathToFileURL } from 'node:url';

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Owner { name: string; folder: string }
export interface Block { ms: number; by: Record<string, number> }
export interface Attribution {
  /** Busy ms per owner over the whole profile. */
  busyMs: Record<string, number>;
  /** The longest busy blocks, longest first (ms per owner inside each). */
  longest: Block[];
  /** Per owner: the most ms it took inside one block. */
  maxInOneBlockMs: Record<string, number>;
}

const HOST = 'extension host';
const GC = 'garbage collection';

export function attribute(profile: CpuProfile, owners: Owner[], top = 3): Attribution {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const folders = owners.map((o) => ({ name: o.name, url: fileUrl(o.folder) }));
  const memo = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    let o: string;
    if (functionName === '(idle)') o = 'idle';
    else if (functionName === '(garbage collector)') o = GC;
    else {
      o = folders.find((f) => url.startsWith(f.url))?.name ?? (/\/extensions\/[^/]+\//.test(url) ? 'other extensions' : '');
      if (!o) {
        const up = parent.get(id);
        const above = up === undefined ? HOST : ownerOf(up);
        o = above === 'idle' || above === GC ? HOST : above;
      }
    }
    memo.set(id, o);
    return o;
  };

  const busyMs: Record<string, number> = {};
  const blocks: Block[] = [];
  let block: Block | undefined;
  for (let i = 0; i < profile.samples.length; i++) {
    // A sample's time is the delta to the next sample.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const o = ownerOf(profile.samples[i]!);
    if (o === 'idle') {
      if (block) blocks.push(block);
      block = undefined;
      continue;
    }
    block ??= { ms: 0, by: {} };
    block.ms += ms;
    block.by[o] = (block.by[o] ?? 0) + ms;
    busyMs[o] = (busyMs[o] ?? 0) + ms;
  }
  if (block) blocks.push(block);
  const maxInOneBlockMs: Record<string, number> = {};
  for (const b of blocks) for (const [o, ms] of Object.entries(b.by)) maxInOneBlockMs[o] = Math.max(maxInOneBlockMs[o] ?? 0, ms);
  const round = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
  return {
    busyMs: round(busyMs),
    longest: blocks.sort((a, b) => b.ms - a.ms).slice(0, top).map((b) => ({ ms: Math.round(b.ms), by: round(b.by) })),
    maxInOneBlockMs: round(maxInOneBlockMs),
  };
}

function fileUrl(folder: string): string {
  return pathToFileURL(folder).href.replace(/\/?$/, '/');
}
