// Draws the app icons (PNG, plus an SVG for browsers that take it) without any
// image library: a schoolhouse on the brand colour, rendered with 4×4
// supersampling and written with zlib. Run `node scripts/icons.mjs` after a
// change; the results live in public/icons/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BRAND = [0x0b, 0x5d, 0x66];
const WHITE = [0xff, 0xff, 0xff];
const DOOR = [0xf2, 0xc1, 0x4e];

// Shapes in a unit square (0..1); the first shape that contains a point colours it.
function shapes(safe) {
  // `safe` shrinks the house into the maskable safe zone (a circle of 80 %).
  const s = safe ? 0.62 : 0.8;
  const o = (1 - s) / 2;
  const X = (x) => o + x * s;
  const Y = (y) => o + y * s;
  const inTri = (px, py, [ax, ay], [bx, by], [cx, cy]) => {
    const d = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    const u = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / d;
    const v = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / d;
    return u >= 0 && v >= 0 && u + v <= 1;
  };
  return [
    // door
    (x, y) => x >= X(0.43) && x <= X(0.57) && y >= Y(0.66) && y <= Y(0.92) && DOOR,
    // round window (a clock) in the gable
    (x, y) => (x - X(0.5)) ** 2 + (y - Y(0.36)) ** 2 <= (0.075 * s) ** 2 && BRAND,
    // walls
    (x, y) => x >= X(0.2) && x <= X(0.8) && y >= Y(0.45) && y <= Y(0.92) && WHITE,
    // roof
    (x, y) => inTri(x, y, [X(0.08), Y(0.5)], [X(0.92), Y(0.5)], [X(0.5), Y(0.1)]) && WHITE,
  ];
}

function render(size, { maskable }) {
  const fill = shapes(maskable);
  const radius = maskable ? 0 : 0.18;
  const px = Buffer.alloc(size * size * 4);
  const N = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const x = (i + (sx + 0.5) / N) / size;
          const y = (j + (sy + 0.5) / N) / size;
          // rounded square background (full bleed when maskable)
          const cx = Math.min(Math.max(x, radius), 1 - radius);
          const cy = Math.min(Math.max(y, radius), 1 - radius);
          if (radius > 0 && (x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) continue;
          const c = fill.map((f) => f(x, y)).find(Boolean) || BRAND;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 255;
        }
      }
      const n = N * N;
      const k = (j * size + i) * 4;
      const cov = a / n / 255;
      px[k] = cov ? Math.round(r / n / cov) : 0;
      px[k + 1] = cov ? Math.round(g / n / cov) : 0;
      px[k + 2] = cov ? Math.round(b / n / cov) : 0;
      px[k + 3] = Math.round(a / n);
    }
  }
  return png(size, size, px);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) rgba.copy(raw, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="18" fill="#0b5d66"/>
<path d="M16.4 50 50 18 83.6 50z" fill="#fff"/>
<rect x="26" y="46" width="48" height="37.6" fill="#fff"/>
<circle cx="50" cy="38.8" r="6" fill="#0b5d66"/>
<rect x="44.4" y="62.8" width="11.2" height="20.8" fill="#f2c14e"/>
</svg>
`;

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('icon-192.png', out), render(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', out), render(512, { maskable: false }));
writeFileSync(new URL('maskable-512.png', out), render(512, { maskable: true }));
writeFileSync(new URL('icon.svg', out), svg);
console.log('icons written to public/icons/');
