/**
 * Part b of the properties of property.test.ts (the editing session and the workspace): a file of
 * its own so that `node --test` runs it in a second process beside part a. Imports run in order:
 * the part is set before property.test.ts registers its tests.
 */
import './property-part.b.js';
import './property.test.js';
