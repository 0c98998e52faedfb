/**
 * Unit tests assert behaviour, not speed (benchmarks measure speed), so a test that pages a few
 * hundred requests through a local server must not fail because two shared cores are busy.
 */
jest.setTimeout(60 * 1000);
