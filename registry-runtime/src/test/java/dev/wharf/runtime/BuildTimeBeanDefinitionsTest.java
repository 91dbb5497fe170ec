package dev.wharf.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildTimeBeanDefinitionsTest {

    @Test
    void classesRunFromABuildDirectoryStartTheOrdinaryWay() {
        String before = System.clearProperty(BuildTimeBeanDefinitions.PROPERTY);
        try {
            BuildTimeBeanDefinitions.useWhenPackaged();

            assertThat(System.getProperty(BuildTimeBeanDefinitions.PROPERTY)).isNull();
        } finally {
            if (before != null) {
                System.setProperty(BuildTimeBeanDefinitions.PROPERTY, before);
            }
        }
    }

    @Test
    void aStartThatDecidedItselfIsLeftAlone() {
        String before = System.setProperty(BuildTimeBeanDefinitions.PROPERTY, "false");
        try {
            BuildTimeBeanDefinitions.useWhenPackaged();

            assertThat(System.getProperty(BuildTimeBeanDefinitions.PROPERTY)).isEqualTo("false");
        } finally {
            if (before == null) {
                System.clearProperty(BuildTimeBeanDefinitions.PROPERTY);
            } else {
                System.setProperty(BuildTimeBeanDefinitions.PROPERTY, before);
            }
        }
    }
}
