// Reading a zip archive (a .vsix) without a dependency: the file names from its central
// directory (scripts/package-vsix.mjs checks what the .vsix carries) and the files themselves
// (test/e2e/web.e2e.mjs runs the packaged web bundle).
import { inflateRawSync } from 'node:zlib';

function centralDirectory(buf) {
  // End of central directory record: signature 0x06054b50, within the last 64 KB + 22 bytes.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return { count: buf.readUInt16LE(i + 10), offset: buf.readUInt32LE(i + 16) };
  }
  throw new Error('not a zip archive (no end of central directory)');
}

/** [{ name, method, compressedSize, localOffset }] in archive order. */
function entries(buf) {
  const { count, offset } = centralDirectory(buf);
  const out = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${k}`);
    const nameLen = buf.readUInt16LE(p + 28);
    out.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

export function zipEntries(buf) {
  return entries(buf).map((e) => e.name);
}

/** Every file of the archive: [{ name, data }] (stored or deflated entries). */
export function unzip(buf) {
  return entries(buf).filter((e) => !e.name.endsWith('/')).map((e) => {
    const h = e.localOffset;
    if (buf.readUInt32LE(h) !== 0x04034b50) throw new Error(`bad local header for ${e.name}`);
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    const raw = buf.subarray(start, start + e.compressedSize);
    if (e.method === 0) return { name: e.name, data: Buffer.from(raw) };
    if (e.method === 8) return { name: e.name, data: inflateRawSync(raw) };
    throw new Error(`${e.name}: unsupported compression method ${e.method}`);
  });
}
