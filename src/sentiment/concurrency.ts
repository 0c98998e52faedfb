/** At most `concurrency` calls in flight; results keep the order of the inputs. */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	concurrency: number,
	task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, inputs.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
