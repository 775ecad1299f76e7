export default {
  displayName: 'hand-analysis',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/hand-analysis',
};
