export default {
  displayName: 'database',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/database',
};
