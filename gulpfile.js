const { src, dest } = require('gulp');

/** n8n loads node and credential icons from beside the compiled files, so copy them into dist. */
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyIcons;
