export default {
  displayName: 'migrations',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/migrations',
};
