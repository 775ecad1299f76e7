export default {
  displayName: 'resilience',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/resilience',
};
