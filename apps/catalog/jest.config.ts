export default {
  displayName: 'catalog',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/catalog',
};
