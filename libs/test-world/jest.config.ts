export default {
  displayName: 'test-world',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/test-world',
};
