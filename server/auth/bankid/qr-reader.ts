/**
 * Reading a QR code SVG back, as a camera would: for tests that check what
 * the sign-in page shows is what BankID's app will read.
 *
 * @module
 */
import decodeQR from 'qr/decode.js';

/** The text of a QR code drawn by `qrSvg` (or its data URL). */
export function readQrSvg(svgOrDataUrl: string): string {
  const svg = svgOrDataUrl.startsWith('data:')
    ? Buffer.from(svgOrDataUrl.slice(svgOrDataUrl.indexOf(',') + 1), 'base64').toString('utf8')
    : svgOrDataUrl;
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const scale = 4;
  const w = size * scale;
  const data = new Uint8Array(w * w * 4).fill(255);
  for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, run] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + run) * scale; px++) data.fill(0, (py * w + px) * 4, (py * w + px) * 4 + 3);
    }
  }
  return decodeQR({ width: w, height: w, data });
}
