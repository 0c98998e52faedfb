export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: any;
	fault?: string | null;
	/** The answer's JSON text as the fake model wrote it. */
	answer?: string;
}

export type FakeFault = '429' | '500' | 'slow' | 'invalid-json' | 'think';

export interface FakeOpenAi {
	url: string;
	requests: RecordedRequest[];
	state: {
		apiKey: string | null;
		latencyMs: number;
		model: string;
		faults: FakeFault[];
		/** Follows orders written in the prompt (see server.js). */
		obedient: boolean;
	};
	inject(...faults: FakeFault[]): void;
	setLatency(ms: number): void;
	close(): Promise<void>;
}

export function startFakeOpenAi(options?: {
	port?: number;
	/** A loopback address, 127.0.0.1 unless set. */
	host?: string;
	latencyMs?: number;
	apiKey?: string | null;
	model?: string;
	obedient?: boolean;
}): Promise<FakeOpenAi>;

export function polarity(prompt: string): {
	polarity: 'positive' | 'neutral' | 'negative';
	score: number;
};
