export default {
  displayName: 'block-doubles',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/block-doubles',
};
