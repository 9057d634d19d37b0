import Encoding from 'encoding-japanese';

/**
 * Bytes of a CSV file as Excel saves it → text. UTF-8 with or without a BOM, else
 * Shift_JIS (CP932, what Excel on Japanese Windows writes).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    const text = Encoding.convert(Array.from(bytes), { to: 'UNICODE', from: 'SJIS', type: 'string' });
    return { text, encoding: 'shift_jis' };
  }
}
