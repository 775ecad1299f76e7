const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/**
 * The webpack build every app shares: a Node bundle of the app and the libs
 * it imports (node_modules stay external) at dist/apps/<app>/main.js.
 */
module.exports = function appWebpackConfig(appDir) {
  const app = require('path').basename(appDir);
  return {
    output: {
      path: join(appDir, '../../dist/apps', app),
      ...(process.env.NODE_ENV !== 'production' && { devtoolModuleFilenameTemplate: '[absolute-resource-path]' }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMaps: true,
      }),
    ],
  };
};
