import Encoding from 'encoding-japanese';

/**
 * What an uploaded file is, read from its first bytes (its "magic"), never from the name
 * or the type the browser declared: a download is served with the type found here, so an
 * HTML page or a script renamed to `.pdf` cannot be stored as evidence and opened later.
 */
export interface DetectedType {
  contentType: string;
  /** The extensions a file name may end in for this content. */
  extensions: readonly string[];
  /** For messages: what the content was found to be. */
  label: string;
}

export const ACCEPTED_TYPES = 'PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint, CSV, text, zip';

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => Array.from(text, (ch) => ch.charCodeAt(0));

const OFFICE_XML = 'application/vnd.openxmlformats-officedocument';
const ZIP: DetectedType = { contentType: 'application/zip', extensions: ['zip'], label: 'zip' };

/** A zip-based Office file names its parts in the local file headers: word/, xl/ or ppt/. */
function zipKind(bytes: Uint8Array): DetectedType {
  // Byte for byte as Latin-1: the entry names are ASCII, whatever the rest holds.
  let names = '';
  const head = bytes.subarray(0, 1 << 20);
  for (let i = 0; i < head.length; i += 0x8000) names += String.fromCharCode(...head.subarray(i, i + 0x8000));
  if (!names.includes('[Content_Types].xml')) return ZIP;
  if (names.includes('word/')) {
    return { contentType: `${OFFICE_XML}.wordprocessingml.document`, extensions: ['docx'], label: 'Word' };
  }
  if (names.includes('xl/')) {
    return { contentType: `${OFFICE_XML}.spreadsheetml.sheet`, extensions: ['xlsx'], label: 'Excel' };
  }
  if (names.includes('ppt/')) {
    return { contentType: `${OFFICE_XML}.presentationml.presentation`, extensions: ['pptx'], label: 'PowerPoint' };
  }
  return ZIP;
}

/** Legacy Office (OLE compound file): the container is the same for all three; the name tells which. */
function oleKind(extension: string | null): DetectedType | null {
  const types: Record<string, string> = {
    doc: 'application/msword',
    xls: 'application/vnd.ms-excel',
    ppt: 'application/vnd.ms-powerpoint',
  };
  const type = extension ? types[extension] : undefined;
  return type ? { contentType: type, extensions: [extension as string], label: 'Office 97–2003' } : null;
}

/** Text: no NUL byte, and valid UTF-8 or Shift_JIS (what Excel on Japanese Windows writes). */
function textKind(bytes: Uint8Array): DetectedType | null {
  if (bytes.includes(0)) return null;
  let charset: string;
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    charset = 'utf-8';
  } catch {
    if (Encoding.detect(bytes, 'SJIS') !== 'SJIS') return null;
    charset = 'shift_jis';
  }
  return { contentType: `text/plain; charset=${charset}`, extensions: ['txt', 'csv', 'tsv'], label: 'text' };
}

export const extensionOf = (fileName: string): string | null => {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : null;
};

/** The content's type, or null when it is none itaku keeps. */
export function detectType(bytes: Uint8Array, fileName: string): DetectedType | null {
  const extension = extensionOf(fileName);
  if (startsWith(bytes, ascii('%PDF-'))) return { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { contentType: 'image/png', extensions: ['png'], label: 'PNG' };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' };
  }
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) {
    return { contentType: 'image/gif', extensions: ['gif'], label: 'GIF' };
  }
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
    return { contentType: 'image/webp', extensions: ['webp'], label: 'WebP' };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return zipKind(bytes);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleKind(extension);
  const text = textKind(bytes);
  if (text && extension === 'csv') return { ...text, contentType: text.contentType.replace('text/plain', 'text/csv') };
  return text;
}
