// Reading a .vsix (a zip archive) with yauzl, the library @vscode/vsce itself reads packages
// with: the file names (scripts/package-vsix.mjs checks what the .vsix carries) and the files
// themselves (test/e2e/web.e2e.mjs runs the packaged web bundle).
import yauzl from 'yauzl';

/** Every entry of the archive in `buf`, in archive order: [{ name, data }] (data: null for folders, or when `names` only). */
function read(buf, { names = false } = {}) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry) => {
        if (names || entry.fileName.endsWith('/')) {
          out.push({ name: entry.fileName, data: null });
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** The names of the archive's entries. */
export async function zipEntries(buf) {
  return (await read(buf, { names: true })).map((e) => e.name);
}

/** Every file of the archive: [{ name, data }]. */
export async function unzip(buf) {
  return (await read(buf)).filter((e) => e.data !== null);
}
