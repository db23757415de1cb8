import { t } from '@lingui/core/macro';
import type { WorkflowFile } from '../schema/workflow';
import { checksumHex } from './checksum';
import { readLimited } from './readLimited';
import { ImportError, readWorkflowFile } from './workflowFile';

/**
 * Share links carry a workflow in the URL fragment, which browsers never send to a server:
 * `<origin>/import#lf2.<base64url(deflate-raw(<checksum> JSON))>`, where the checksum (8 hex
 * digits) covers the JSON, so a damaged link is refused rather than imported altered. `lf2`
 * names the link format; `lf1` links (no checksum) are still read.
 */
export const SHARE_LINK_VERSION = 2;
const CHECK_LENGTH = 8;
export const MAX_SHARED_BYTES = 5 * 1024 * 1024;
const PREFIX = /^lf(\d+)\.(.*)$/s;

export async function encodeShareLink(file: WorkflowFile, origin: string): Promise<string> {
  const text = JSON.stringify(file);
  const json = new TextEncoder().encode(`${checksumHex(text)}${text}`);
  const compressed = await collect(
    new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw')),
    Infinity,
  );
  return `${origin.replace(/\/$/, '')}/import#lf${SHARE_LINK_VERSION}.${toBase64Url(compressed)}`;
}

/** Reads a link's fragment (with or without `#`). Throws ImportError with a reason a person understands. */
export async function decodeShareLink(fragment: string): Promise<WorkflowFile> {
  const match = PREFIX.exec(fragment.replace(/^#/, '').trim());
  if (!match)
    throw new ImportError([
      t`This is not a Localflow share link (it should contain "#lf1." followed by the workflow).`,
    ]);
  const version = Number(match[1]);
  if (version > SHARE_LINK_VERSION) {
    throw new ImportError([
      t`This link was made by a newer Localflow (link format ${version}; this app reads up to ${SHARE_LINK_VERSION}). Update Localflow to open it.`,
    ]);
  }
  if (!/^[A-Za-z0-9_-]*$/.test(match[2]))
    throw new ImportError([t`The link is damaged: it contains characters a share link never has.`]);
  let json: Uint8Array;
  try {
    const bytes = fromBase64Url(match[2]);
    json = await collect(
      new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
      MAX_SHARED_BYTES,
    );
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError([t`The link is incomplete or damaged (it may have been cut off when it was copied).`]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    throw new ImportError([t`The link is damaged: its content is not a workflow.`]);
  }
  if (version >= 2) {
    const check = text.slice(0, CHECK_LENGTH);
    text = text.slice(CHECK_LENGTH);
    if (check !== checksumHex(text))
      throw new ImportError([
        t`The link is damaged: its content does not match its check (it was changed or cut after it was made). Ask for the link again.`,
      ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ImportError([t`The link is damaged: its content is not a workflow.`]);
  }
  return readWorkflowFile(parsed);
}

/** Reads a stream to the end, refusing more than `limit` bytes. */
function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  return readLimited(
    stream,
    limit,
    () =>
      new ImportError([
        t`The workflow in this link is larger than ${limit / 1024 / 1024} MB once unpacked; it was refused.`,
      ]),
  );
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
