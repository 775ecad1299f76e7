export { parseFilename, PARSER_VERSION } from './lib/parse-filename';
