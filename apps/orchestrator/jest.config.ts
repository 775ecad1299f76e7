export default {
  displayName: 'orchestrator',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/orchestrator',
};
