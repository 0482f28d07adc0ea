package io.tidewater.app.init;

/** The generated project's pom: Tidewater's API provided at run time, the test kit for tests. */
final class PomFile {
    private PomFile() {
    }

    static String render(ProjectSpec spec) {
        BuildVersions v = spec.versions();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%1$s</groupId>
                  <artifactId>%2$s</artifactId>
                  <version>0.1.0</version>
                  <name>%2$s</name>
                  <description>A Tidewater indexer, made by tidewater init</description>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <tidewater.version>%3$s</tidewater.version>
                  </properties>

                  <dependencies>
                    <!-- Provided: Tidewater runs the indexer and brings its API, Avro and Kafka. -->
                    <dependency>
                      <groupId>io.tidewater</groupId>
                      <artifactId>tidewater-topology</artifactId>
                      <version>${tidewater.version}</version>
                      <scope>provided</scope>
                    </dependency>
                    <dependency>
                      <groupId>io.tidewater</groupId>
                      <artifactId>tidewater-testkit</artifactId>
                      <version>${tidewater.version}</version>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%4$s</version>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>ch.qos.logback</groupId>
                      <artifactId>logback-classic</artifactId>
                      <version>%5$s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>

                  <build>
                    <plugins>
                      <!-- Entities are Avro records: src/main/avro becomes Java classes. -->
                      <plugin>
                        <groupId>org.apache.avro</groupId>
                        <artifactId>avro-maven-plugin</artifactId>
                        <version>%6$s</version>
                        <executions>
                          <execution>
                            <phase>generate-sources</phase>
                            <goals>
                              <goal>schema</goal>
                            </goals>
                            <configuration>
                              <sourceDirectory>${project.basedir}/src/main/avro</sourceDirectory>
                              <outputDirectory>${project.build.directory}/generated-sources/avro</outputDirectory>
                              <stringType>String</stringType>
                              <enableDecimalLogicalType>true</enableDecimalLogicalType>
                              <fieldVisibility>PRIVATE</fieldVisibility>
                            </configuration>
                          </execution>
                        </executions>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%7$s</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>%8$s</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-jar-plugin</artifactId>
                        <version>%9$s</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(groupOf(spec.javaPackage()), spec.name(), v.tidewater(), v.junit(), v.logback(), v.avro(),
                v.compiler(), v.surefire(), v.jar());
    }

    private static String groupOf(String javaPackage) {
        int dot = javaPackage.lastIndexOf('.');
        return dot < 0 ? javaPackage : javaPackage.substring(0, dot);
    }
}
