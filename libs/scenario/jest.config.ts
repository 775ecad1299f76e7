export default {
  displayName: 'scenario',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/scenario',
};
