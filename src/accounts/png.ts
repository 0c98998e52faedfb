import { deflateSync } from 'node:zlib';

/**
 * A minimal PNG writer (8-bit RGB, no filtering) on node:zlib, so that charts need no native
 * canvas: n8n installs community packages without install scripts.
 */

export type Rgb = readonly [number, number, number];

export class RgbImage {
	readonly pixels: Buffer;

	constructor(
		readonly width: number,
		readonly height: number,
		background: Rgb = [255, 255, 255],
	) {
		this.pixels = Buffer.alloc(width * height * 3);
		this.fillRect(0, 0, width, height, background);
	}

	setPixel(x: number, y: number, color: Rgb): void {
		const px = Math.round(x);
		const py = Math.round(y);
		if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
		const offset = (py * this.width + px) * 3;
		this.pixels[offset] = color[0];
		this.pixels[offset + 1] = color[1];
		this.pixels[offset + 2] = color[2];
	}

	fillRect(x: number, y: number, width: number, height: number, color: Rgb): void {
		for (
			let row = Math.max(0, Math.round(y));
			row < Math.min(this.height, Math.round(y + height));
			row++
		) {
			for (
				let column = Math.max(0, Math.round(x));
				column < Math.min(this.width, Math.round(x + width));
				column++
			) {
				this.setPixel(column, row, color);
			}
		}
	}

	/** A line `thickness` pixels wide, by stepping along its longer axis. */
	line(x0: number, y0: number, x1: number, y1: number, color: Rgb, thickness = 1): void {
		const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
		const half = (thickness - 1) / 2;
		for (let step = 0; step <= steps; step++) {
			const x = x0 + ((x1 - x0) * step) / steps;
			const y = y0 + ((y1 - y0) * step) / steps;
			this.fillRect(x - half, y - half, thickness, thickness, color);
		}
	}

	/**
	 * Text in a 5x7 pixel font (capitals, digits and common signs), each font pixel drawn
	 * `scale` wide; callers pass text through `missingGlyphs` or map it to the font first.
	 */
	text(x: number, y: number, value: string, color: Rgb, scale = 2): void {
		let cursor = x;
		for (const character of value) {
			const glyph = GLYPHS[character];
			if (glyph) {
				glyph.forEach((row, rowIndex) => {
					for (let column = 0; column < GLYPH_WIDTH; column++) {
						if (row[column] === '1')
							this.fillRect(cursor + column * scale, y + rowIndex * scale, scale, scale, color);
					}
				});
			}
			cursor += (GLYPH_WIDTH + 1) * scale;
		}
	}

	toPng(): Buffer {
		const stride = this.width * 3;
		const raw = Buffer.alloc((stride + 1) * this.height);
		for (let row = 0; row < this.height; row++) {
			// Filter type 0 (none) before each scanline.
			raw[row * (stride + 1)] = 0;
			this.pixels.copy(raw, row * (stride + 1) + 1, row * stride, (row + 1) * stride);
		}
		const header = Buffer.alloc(13);
		header.writeUInt32BE(this.width, 0);
		header.writeUInt32BE(this.height, 4);
		header[8] = 8; // bit depth
		header[9] = 2; // colour type: truecolour RGB
		header[10] = 0; // compression: deflate
		header[11] = 0; // filter method
		header[12] = 0; // no interlace
		return Buffer.concat([
			PNG_SIGNATURE,
			chunk('IHDR', header),
			chunk('IDAT', deflateSync(raw)),
			chunk('IEND', Buffer.alloc(0)),
		]);
	}
}

const GLYPH_WIDTH = 5;
/** Height in font pixels of every glyph. */
export const GLYPH_HEIGHT = 7;

/** Width in pixels of a text drawn by `RgbImage.text`. */
export function textWidth(value: string, scale = 2): number {
	return value.length === 0 ? 0 : [...value].length * (GLYPH_WIDTH + 1) * scale - scale;
}

/** The characters of `value` that the font cannot draw. */
export function missingGlyphs(value: string): string[] {
	return [...value].filter((character) => !(character in GLYPHS));
}

/** A classic 5x7 font: rows top to bottom, '1' is ink. */
const GLYPHS: Record<string, string[]> = {
	' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
	'0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
	'1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
	'2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
	'3': ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
	'4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
	'5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
	'6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
	'7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
	'8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
	'9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
	A: ['01110', '10001', '10001', '11111', '10001', '10001', '10001'],
	B: ['11110', '10001', '10001', '11110', '10001', '10001', '11110'],
	C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'],
	D: ['11100', '10010', '10001', '10001', '10001', '10010', '11100'],
	E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
	F: ['11111', '10000', '10000', '11110', '10000', '10000', '10000'],
	G: ['01110', '10001', '10000', '10111', '10001', '10001', '01111'],
	H: ['10001', '10001', '10001', '11111', '10001', '10001', '10001'],
	I: ['01110', '00100', '00100', '00100', '00100', '00100', '01110'],
	J: ['00111', '00010', '00010', '00010', '00010', '10010', '01100'],
	K: ['10001', '10010', '10100', '11000', '10100', '10010', '10001'],
	L: ['10000', '10000', '10000', '10000', '10000', '10000', '11111'],
	M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'],
	N: ['10001', '10001', '11001', '10101', '10011', '10001', '10001'],
	O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
	P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
	Q: ['01110', '10001', '10001', '10001', '10101', '10010', '01101'],
	R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
	S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'],
	T: ['11111', '00100', '00100', '00100', '00100', '00100', '00100'],
	U: ['10001', '10001', '10001', '10001', '10001', '10001', '01110'],
	V: ['10001', '10001', '10001', '10001', '10001', '01010', '00100'],
	W: ['10001', '10001', '10001', '10101', '10101', '10101', '01010'],
	X: ['10001', '10001', '01010', '00100', '01010', '10001', '10001'],
	Y: ['10001', '10001', '10001', '01010', '00100', '00100', '00100'],
	Z: ['11111', '00001', '00010', '00100', '01000', '10000', '11111'],
	'-': ['00000', '00000', '00000', '11111', '00000', '00000', '00000'],
	'+': ['00000', '00100', '00100', '11111', '00100', '00100', '00000'],
	'.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
	',': ['00000', '00000', '00000', '00000', '01100', '00100', '01000'],
	':': ['00000', '01100', '01100', '00000', '01100', '01100', '00000'],
	'%': ['11000', '11001', '00010', '00100', '01000', '10011', '00011'],
	'/': ['00000', '00001', '00010', '00100', '01000', '10000', '00000'],
	'(': ['00010', '00100', '01000', '01000', '01000', '00100', '00010'],
	')': ['01000', '00100', '00010', '00010', '00010', '00100', '01000'],
	'&': ['01100', '10010', '10100', '01000', '10101', '10010', '01101'],
	"'": ['01100', '00100', '01000', '00000', '00000', '00000', '00000'],
	'?': ['01110', '10001', '00001', '00010', '00100', '00000', '00100'],
	_: ['00000', '00000', '00000', '00000', '00000', '00000', '11111'],
	'#': ['01010', '01010', '11111', '01010', '11111', '01010', '01010'],
};

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length, 0);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData), 0);
	return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 as PNG chunks use it (ISO 3309). */
export function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}
