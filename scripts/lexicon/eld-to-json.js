#!/usr/bin/env node
/**
 * Regenerates src/language/eldNgrams.json from the n-gram table of eld's 'extrasmall' database
 * (the eld package, a runtime dependency; Apache-2.0, see THIRD_PARTY_NOTICES.md).
 *
 * eld ships the table as an ES module of one object literal (950 KB): Node compiles it before
 * it runs, which took a second or more of a 48,000-text batch on a busy machine. The same table
 * as JSON is read by JSON.parse in a fraction of that, and identify.ts hands it to eld's own
 * detector. A unit test (identify.test.ts) checks that this file equals the installed eld's
 * table, so an eld upgrade asks for this script to be run again.
 */
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..', '..');
const source = path.join(root, 'node_modules', 'eld', 'src', 'ngrams', 'extrasmall.js');
const target = path.join(root, 'src', 'language', 'eldNgrams.json');

void import(pathToFileURL(source).href).then(({ ngramsData }) => {
	fs.writeFileSync(target, `${JSON.stringify(ngramsData)}\n`);
	console.log(`${path.relative(root, target)}: ${Object.keys(ngramsData.ngrams).length} n-grams`);
});
