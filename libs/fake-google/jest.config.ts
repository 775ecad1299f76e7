export default {
  displayName: 'fake-google',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/fake-google',
};
