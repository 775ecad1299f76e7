export default {
  displayName: 'filename-parser',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/filename-parser',
};
