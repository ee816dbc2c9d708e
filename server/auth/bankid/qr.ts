/**
 * The animated QR code: each second since BankID answered the auth call shows
 * `bankid.<qrStartToken>.<time>.<qrAuthCode>`, where qrAuthCode is
 * HMAC-SHA256(key: qrStartSecret, message: time in decimal), in hex. Computed
 * on the server (the secret never reaches the browser) and drawn as SVG.
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import encodeQR from 'qr';

/** The QR code's text for second `time` of an order. */
export function qrData(qrStartToken: string, qrStartSecret: string, time: number): string {
  const t = String(Math.max(0, Math.floor(time)));
  const code = createHmac('sha256', qrStartSecret).update(t).digest('hex');
  return `bankid.${qrStartToken}.${t}.${code}`;
}

/**
 * `text` as a QR code in SVG: dark modules on white, with the four-module
 * quiet zone the standard asks for, scalable (viewBox only; the page sizes it).
 */
export function qrSvg(text: string): string {
  const matrix = encodeQR(text, 'raw', { ecc: 'medium', border: 4 });
  const size = matrix.length;
  let d = '';
  matrix.forEach((row, y) => {
    // One horizontal run of dark modules per path segment keeps the SVG small.
    for (let x = 0; x < size; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      d += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}

/** The SVG as a `data:` URL for an `<img>` (the CSP allows data: images only). */
export function qrDataUrl(text: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(qrSvg(text)).toString('base64')}`;
}
