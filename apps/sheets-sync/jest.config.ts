export default {
  displayName: 'sheets-sync',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/sheets-sync',
};
