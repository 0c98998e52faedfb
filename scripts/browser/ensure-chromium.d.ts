/** Types of ensure-chromium.js. */
export declare function ensureChromium(): string;
