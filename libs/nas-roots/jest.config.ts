export default {
  displayName: 'nas-roots',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/nas-roots',
};
