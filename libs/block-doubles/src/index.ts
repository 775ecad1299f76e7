export { BlockDoubles, type Behaviour } from './block-doubles';
