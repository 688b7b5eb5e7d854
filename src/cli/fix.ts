/**
 * Writing fixed documents back, atomically and safely:
 * - the new content goes to a temporary file in the same folder (same file system), with the
 *   original's permissions, then replaces the original with a rename;
 * - right before the rename the original is read again and compared with what was linted:
 *   if someone changed it meanwhile (an editor, another run), the fix is abandoned;
 * - a UTF-8 byte order mark the file had is kept;
 * - a symbolic link is followed: its target is rewritten and the link stays a link.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WriteOutcome = 'written' | 'unchanged' | 'changed-on-disk';

export async function writeFixedFile(abs: string, original: Buffer, fixedText: string, bom: boolean): Promise<WriteOutcome> {
  const data = Buffer.from((bom ? '\uFEFF' : '') + fixedText, 'utf8');
  if (data.equals(original)) return 'unchanged';
  const target = await fsp.realpath(abs);
  const st = await fsp.stat(target);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  await fsp.writeFile(tmp, data, { flag: 'wx', mode: st.mode & 0o777 });
  try {
    const current = await fsp.readFile(target);
    if (!current.equals(original)) {
      await fsp.rm(tmp, { force: true });
      return 'changed-on-disk';
    }
    await fsp.rename(tmp, target);
    return 'written';
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}
