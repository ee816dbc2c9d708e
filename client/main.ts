/**
 * The entry point: defines the app element, which paints the shell at once
 * and loads the user's database after the first paint.
 *
 * @module
 */
import './app/app-shell.js';
