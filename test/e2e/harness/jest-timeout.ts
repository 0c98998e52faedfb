/** Real n8n takes seconds per command and server starts take tens of seconds on 2 cores. */
jest.setTimeout(10 * 60 * 1000);
