export default {
  displayName: 'nas-inventory',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/nas-inventory',
};
