export default {
  displayName: 'api-shapes',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/api-shapes',
};
