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

	/** Digits, the capitals of the chart's axis titles and a few signs in a 3x5 pixel font, each pixel drawn `scale` wide; other characters are skipped. */
	text(x: number, y: number, value: string, color: Rgb, scale = 2): void {
		let cursor = x;
		for (const character of value) {
			const glyph = GLYPHS[character];
			if (glyph) {
				glyph.forEach((row, rowIndex) => {
					for (let column = 0; column < 3; column++) {
						if (row[column] === '1')
							this.fillRect(cursor + column * scale, y + rowIndex * scale, scale, scale, color);
					}
				});
			}
			cursor += 4 * scale;
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

/** Width in pixels of a text drawn by `RgbImage.text`. */
export function textWidth(value: string, scale = 2): number {
	return value.length === 0 ? 0 : value.length * 4 * scale - scale;
}

const GLYPHS: Record<string, string[]> = {
	'0': ['111', '101', '101', '101', '111'],
	'1': ['010', '110', '010', '010', '111'],
	'2': ['111', '001', '111', '100', '111'],
	'3': ['111', '001', '111', '001', '111'],
	'4': ['101', '101', '111', '001', '001'],
	'5': ['111', '100', '111', '001', '111'],
	'6': ['111', '100', '111', '101', '111'],
	'7': ['111', '001', '001', '001', '001'],
	'8': ['111', '101', '111', '101', '111'],
	'9': ['111', '101', '111', '001', '111'],
	'-': ['000', '000', '111', '000', '000'],
	'+': ['000', '010', '111', '010', '000'],
	'.': ['000', '000', '000', '000', '010'],
	'%': ['101', '001', '010', '100', '101'],
	'/': ['001', '001', '010', '100', '100'],
	' ': ['000', '000', '000', '000', '000'],
	A: ['010', '101', '111', '101', '101'],
	C: ['111', '100', '100', '100', '111'],
	E: ['111', '100', '111', '100', '111'],
	G: ['111', '100', '101', '101', '111'],
	I: ['111', '010', '010', '010', '111'],
	N: ['110', '101', '101', '101', '101'],
	O: ['111', '101', '101', '101', '111'],
	R: ['110', '101', '110', '101', '101'],
	S: ['111', '100', '111', '001', '111'],
	T: ['111', '010', '010', '010', '010'],
	V: ['101', '101', '101', '101', '010'],
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
